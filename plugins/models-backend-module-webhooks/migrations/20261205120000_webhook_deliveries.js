// @ts-check

/**
 * The webhook deliveries of registry changes: one row per webhook and audit event, with its attempts, the last
 * answer and when the next attempt is due. Kept in the models plugin's database under migrations of its own.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelport_webhook_deliveries', table => {
    table.string('id').primary();
    table.string('webhook').notNullable();
    table.integer('audit_seq').notNullable();
    table.string('action').notNullable();
    table.string('model_ref').notNullable();
    table.text('payload').notNullable();
    table.string('status').notNullable();
    table.integer('attempts').notNullable();
    table.string('next_attempt_at');
    table.integer('last_status');
    table.text('last_error');
    table.string('delivered_at');
    table.string('created_at').notNullable();
    // An event delivered again on the bus is not a second delivery.
    table.unique(['webhook', 'audit_seq']);
    table.index(['status', 'next_attempt_at']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelport_webhook_deliveries');
};
