// @ts-check

/**
 * The last state of each model that its owners were told of (an SLO turning critical, drift, serving against
 * approval), so that they hear of each change once, whichever replica runs the cycle and however often.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('notified_states', table => {
    table.string('subject').notNullable();
    table.string('kind').notNullable();
    table.string('state').notNullable();
    table.string('changed_at').notNullable();
    table.primary(['subject', 'kind']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('notified_states');
};
