// @ts-check

/**
 * A promotion request may carry the requester's reason for overriding gates that allow it (live SLO and drift
 * state); the reason applies again when approvals complete, and is part of the audited request.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('promotion_requests', table => {
    table.text('gate_override_reason');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // Plain SQL, which PostgreSQL and SQLite (3.35 and later) both run in place: knex's SQLite path would rebuild
  // the table, and the decisions that reference it would not survive that.
  await knex.raw('ALTER TABLE promotion_requests DROP COLUMN gate_override_reason');
};
