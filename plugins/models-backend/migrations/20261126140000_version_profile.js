// @ts-check

/**
 * A version may carry a baseline profile of its features' distributions, registered with it: the drift reference
 * for models whose `spec.monitoring.reference` names an environment.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('model_versions', table => {
    table.text('profile');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // In place on PostgreSQL and SQLite 3.35+ (see 20261126130000_gate_override.js).
  await knex.raw('ALTER TABLE model_versions DROP COLUMN profile');
};
