// @ts-check

/**
 * Which artifact each KServe revision served when Modelport saw it settled, so that the older side of a canary (a
 * revision whose artifact the InferenceService no longer says) can still be named by its registered version.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('serving_revisions', table => {
    table.string('cluster').notNullable();
    table.string('namespace').notNullable();
    table.string('name').notNullable();
    table.string('revision').notNullable();
    table.text('artifact').notNullable();
    table.string('seen_at').notNullable();
    table.primary(['cluster', 'namespace', 'name', 'revision']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('serving_revisions');
};
