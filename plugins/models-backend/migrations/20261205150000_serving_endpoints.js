// @ts-check

/**
 * The serving collection's last read of each registry connector's serving endpoints (Databricks Model Serving):
 * the endpoints of its last complete read with their time, and its last attempt, so that a platform that stops
 * answering keeps its last good figures, marked stale, as a cluster does in serving_clusters.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('serving_endpoint_reads', table => {
    table.string('connector').primary();
    // The last complete read: when, and the endpoints it found (JSON); null until one succeeds.
    table.string('read_at');
    table.text('endpoints');
    // The last attempt, successful or not.
    table.string('attempt_at').notNullable();
    table.string('error_kind');
    table.text('error_message');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('serving_endpoint_reads');
};
