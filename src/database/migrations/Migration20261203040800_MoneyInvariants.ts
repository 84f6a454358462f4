import { Migration } from '@mikro-orm/migrations';

/**
 * Invariants across modules, enforced where the data changes, whatever path writes it.
 * Deferred constraint triggers check a project at commit, so a transaction may write its rows in
 * any order (a revision's instalments, then the project's new total) and is judged as a whole.
 * The services check the same rules first and answer with the field and the figures; these
 * triggers are the backstop. Their messages start with "invariant:<field>:" so the error
 * formatter can name the field (src/common/errors/format-error.ts).
 *
 * - approved total ≥ all money requested, approved or paid out (net of repayments);
 * - the approved total equals the latest plan revision's instalments (when there is a plan);
 * - the approval period covers every fiscal year with tranches or receipts;
 * - each instalment of the latest revision ≥ what is paid out in its year (net of repayments).
 */
export class Migration20261203040800_MoneyInvariants extends Migration {
  override name = 'Migration20261203040800_MoneyInvariants';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "fpt_check_project_money"(p_project uuid) returns void as $$
declare
  p record;
  claimed numeric(14,2);
  planned numeric(14,2);
  latest uuid;
  first_year int;
  last_year int;
  short record;
begin
  select * into p from project where id = p_project;
  if not found then return; end if;
  select coalesce(sum(amount), 0) into claimed from drawdown where project_id = p_project and status not in ('PLANNED', 'REJECTED');
  if p.approved_total < claimed then
    raise exception 'invariant:approvedTotal:The approved total % EUR is below the % EUR already requested, approved or paid out.', p.approved_total, claimed using errcode = 'check_violation';
  end if;
  select id into latest from budget_revision where project_id = p_project order by number desc limit 1;
  if latest is not null then
    select coalesce(sum(amount), 0) into planned from annual_instalment where revision_id = latest;
    if planned <> p.approved_total then
      raise exception 'invariant:approvedTotal:The approved total % EUR differs from the financing plan''s instalments (% EUR); change both with reviseBudgetPlan.', p.approved_total, planned using errcode = 'check_violation';
    end if;
    select i.fiscal_year, i.amount, d.paid into short
      from annual_instalment i
      join (select fiscal_year, sum(amount) as paid from drawdown where project_id = p_project and status in ('DISBURSED', 'REPAID', 'SETTLED') group by fiscal_year) d on d.fiscal_year = i.fiscal_year
     where i.revision_id = latest and i.amount < d.paid
     limit 1;
    if found then
      raise exception 'invariant:instalments:The % instalment % EUR is below the % EUR already paid out in that year.', short.fiscal_year, short.amount, short.paid using errcode = 'check_violation';
    end if;
  end if;
  select least((select min(fiscal_year) from drawdown where project_id = p_project), (select min(fiscal_year) from expenditure where project_id = p_project)),
         greatest((select max(fiscal_year) from drawdown where project_id = p_project), (select max(fiscal_year) from expenditure where project_id = p_project))
    into first_year, last_year;
  if first_year < extract(year from p.approval_start) then
    raise exception 'invariant:approvalStart:The approval period must start in or before %, the first year with tranches or receipts.', first_year using errcode = 'check_violation';
  end if;
  if last_year > extract(year from p.approval_end) then
    raise exception 'invariant:approvalEnd:The approval period must end in or after %, the last year with tranches or receipts.', last_year using errcode = 'check_violation';
  end if;
end;
$$ language plpgsql;`);
    this.addSql(`create or replace function "fpt_check_project_money_trigger"() returns trigger as $$
begin
  if tg_table_name = 'project' then
    perform fpt_check_project_money(new.id);
  else
    perform fpt_check_project_money(new.project_id);
  end if;
  return null;
end;
$$ language plpgsql;`);
    this.addSql(
      `create constraint trigger "project_money_invariants" after update of approved_total, approval_start, approval_end on "project" deferrable initially deferred for each row execute function fpt_check_project_money_trigger();`,
    );
    this.addSql(
      `create constraint trigger "drawdown_money_invariants" after insert or update of status, amount on "drawdown" deferrable initially deferred for each row execute function fpt_check_project_money_trigger();`,
    );
    this.addSql(
      `create constraint trigger "annual_instalment_money_invariants" after insert on "annual_instalment" deferrable initially deferred for each row execute function fpt_check_project_money_trigger();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "annual_instalment_money_invariants" on "annual_instalment";`);
    this.addSql(`drop trigger if exists "drawdown_money_invariants" on "drawdown";`);
    this.addSql(`drop trigger if exists "project_money_invariants" on "project";`);
    this.addSql(`drop function if exists "fpt_check_project_money_trigger"();`);
    this.addSql(`drop function if exists "fpt_check_project_money"(uuid);`);
  }
}
