/*
 * An environment's policy may let one person's approvals count more than once (distinctApprovers: false). Each
 * decision then carries its ordinal among the same person's decisions on the request, and uniqueness moves from
 * (request, actor) to (request, actor, ordinal). With distinct approvers every ordinal is 0, as before.
 */

// @ts-check

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('promotion_decisions', table => {
    table.integer('ordinal').notNullable().defaultTo(0);
  });
  await knex.schema.alterTable('promotion_decisions', table => {
    table.dropUnique(['request_id', 'actor']);
    table.unique(['request_id', 'actor', 'ordinal']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  const repeated = await knex('promotion_decisions').where('ordinal', '>', 0).count({ n: '*' }).first();
  if (Number(repeated?.n ?? 0) > 0) {
    throw new Error(
      `Cannot migrate down: ${repeated?.n} repeated approvals by the same person would violate the earlier one-decision-per-person rule`,
    );
  }
  await knex.schema.alterTable('promotion_decisions', table => {
    table.dropUnique(['request_id', 'actor', 'ordinal']);
    table.unique(['request_id', 'actor']);
  });
  await knex.schema.alterTable('promotion_decisions', table => {
    table.dropColumn('ordinal');
  });
};
