// @ts-check

/**
 * The serving collection's last read of each cluster: the objects of its last complete read with their time, and
 * its last attempt, so that a cluster that stops answering keeps its last good figures, marked stale.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('serving_clusters', table => {
    table.string('cluster').primary();
    table.string('environment').notNullable();
    // The last complete read: when, and what it found (JSON); null until one succeeds.
    table.string('read_at');
    table.text('objects');
    table.text('unavailable');
    // The last attempt, successful or not.
    table.string('attempt_at').notNullable();
    table.string('error_kind');
    table.text('error_message');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('serving_clusters');
};
