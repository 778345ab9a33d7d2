// @ts-check

/**
 * Periodic reviews of models (model risk management, GxP): each review's outcome, findings, the version reviewed,
 * who reviewed it and whether they were independent of the owners, and when the next one is due. Each is also an
 * event of the audit chain.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('model_reviews', table => {
    table.string('id').primary();
    table.string('model_ref').notNullable();
    table.string('version').notNullable();
    table.string('outcome').notNullable();
    table.text('summary');
    table.text('findings').notNullable();
    table.string('reviewed_by').notNullable();
    table.string('reviewed_at').notNullable();
    table.string('next_due_at');
    table.boolean('independent').notNullable();
    table.index(['model_ref', 'reviewed_at']);
    table
      .foreign(['model_ref', 'version'])
      .references(['model_ref', 'version'])
      .inTable('model_versions');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('model_reviews');
};
