import type { Readable } from 'node:stream';

import { Decimal } from 'decimal.js';
import { SaxesParser, type SaxesTag } from 'saxes';

import { type LocalDate, parseLocalDate } from '../../common/dates/local-date.js';
import { formatMoney } from '../../common/money/money.js';
import { DecodeLines } from './decode.js';
import { ImportFileError, type ParseContext, type ParsedRow } from './parsed-row.js';
import { cleanText, orNull, parseAmount } from './values.js';

/** One account statement (Stmt) with its booked balances, for the continuity check. */
export interface CamtStatement {
  statementId: string;
  iban: string;
  line: number;
  openingDate: LocalDate;
  openingBalance: Decimal;
  closingDate: LocalDate;
  closingBalance: Decimal;
  entries: number;
}

interface Balance {
  type: string;
  amount: Decimal;
  date: LocalDate;
  line: number;
}

interface Entry {
  line: number;
  amount?: Decimal;
  debitCredit?: string;
  status?: string;
  bookingDate?: LocalDate;
  valueDate?: LocalDate;
  bankRef?: string;
  entryRef?: string;
  info?: string;
  endToEnd?: string;
  creditor?: string;
  debtor?: string;
  remittance: string[];
}

const DOT = { decimalSeparator: '.', thousandsSeparator: '' };

/**
 * An ISO 20022 camt.053 bank statement (BkToCstmrStmt; versions .001.02 to .001.13 share the
 * elements read here), streamed with saxes: per entry (Ntry) the amount and debit/credit
 * indicator, booking and value date, the bank's reference (AcctSvcrRef), end-to-end id,
 * counterparty and remittance information. Only booked entries (status BOOK) are rows.
 *
 * Each statement must add up: opening booked balance (OPBD, or PRCD) plus credits minus debits
 * equals the closing booked balance (CLBD); the continuity with earlier statements of the same
 * account is checked by staging, which knows them. Debits (money paid out) are positive rows.
 */
export async function* parseCamt(
  input: Readable,
  ctx: ParseContext,
  onStatement: (statement: CamtStatement) => void,
): AsyncGenerator<ParsedRow> {
  const parser = new SaxesParser({ position: true });
  const stack: string[] = [];
  let text = '';
  let sawStatementRoot = false;
  let stmt: { id?: string; iban?: string; line: number; balances: Balance[]; movement: Decimal; entries: number } | null = null;
  let bal: { type?: string; amount?: Decimal; debitCredit?: string; date?: LocalDate; line: number } | null = null;
  let entry: Entry | null = null;
  let ready: ParsedRow[] = [];
  let failure: Error | undefined;
  const fail = (field: string, problem: string, line = parser.line): never => {
    throw new ImportFileError(ctx.fileName, line, field, problem);
  };
  const path = () => stack.join('/');
  const date = (value: string, field: string): LocalDate => {
    try {
      return parseLocalDate(value.trim().slice(0, 10));
    } catch {
      return fail(field, `"${value}" is not a date.`);
    }
  };

  parser.on('opentag', (tag: SaxesTag) => {
    const name = local(tag.name);
    stack.push(name);
    text = '';
    if (stack.length === 1 && name !== 'Document') fail('Document', `the root element is <${tag.name}>, not a camt.053 <Document>.`);
    if (stack.length === 1) {
      const ns = String((tag.attributes as Record<string, string>).xmlns ?? '');
      if (ns && !ns.includes('camt.053')) fail('Document', `this is ${ns.split(':').pop()}, not a camt.053 bank statement.`);
    }
    if (name === 'BkToCstmrStmt') sawStatementRoot = true;
    else if (name === 'Stmt' && sawStatementRoot) stmt = { line: parser.line, balances: [], movement: new Decimal(0), entries: 0 };
    else if (name === 'Bal' && stmt) bal = { line: parser.line };
    else if (name === 'Ntry' && stmt) entry = { line: parser.line, remittance: [] };
    else if (name === 'Amt' && (bal || entry) && (stack.at(-2) === 'Bal' || stack.at(-2) === 'Ntry')) {
      const currency = String((tag.attributes as Record<string, string>).Ccy ?? 'EUR');
      if (currency !== 'EUR') fail(`${stack.at(-2)}/Amt`, `only EUR accounts can be imported, not ${currency}.`);
    }
  });
  parser.on('text', (value: string) => {
    text += value;
  });
  parser.on('closetag', () => {
    const p = path();
    const value = text.trim();
    text = '';
    if (stmt) {
      if (p.endsWith('Stmt/Id')) stmt.id = value;
      else if (p.endsWith('Stmt/Acct/Id/IBAN')) stmt.iban = value.replace(/\s/g, '');
    }
    if (bal) {
      if (p.endsWith('Bal/Tp/CdOrPrtry/Cd')) bal.type = value;
      else if (p.endsWith('Bal/Amt')) bal.amount = parseAmount(value, DOT, { file: ctx.fileName, line: parser.line, field: 'Bal/Amt' });
      else if (p.endsWith('Bal/CdtDbtInd')) bal.debitCredit = value;
      else if (p.endsWith('Bal/Dt/Dt') || p.endsWith('Bal/Dt/DtTm')) bal.date = date(value, 'Bal/Dt');
    }
    if (entry) {
      if (p.endsWith('Stmt/Ntry/Amt')) entry.amount = parseAmount(value, DOT, { file: ctx.fileName, line: parser.line, field: 'Ntry/Amt' });
      else if (p.endsWith('Stmt/Ntry/CdtDbtInd')) entry.debitCredit = value;
      else if (p.endsWith('Stmt/Ntry/Sts') && value) entry.status = value;
      else if (p.endsWith('Stmt/Ntry/Sts/Cd')) entry.status = value;
      else if (p.endsWith('Ntry/BookgDt/Dt') || p.endsWith('Ntry/BookgDt/DtTm')) entry.bookingDate = date(value, 'Ntry/BookgDt');
      else if (p.endsWith('Ntry/ValDt/Dt') || p.endsWith('Ntry/ValDt/DtTm')) entry.valueDate = date(value, 'Ntry/ValDt');
      else if (p.endsWith('Stmt/Ntry/AcctSvcrRef')) entry.bankRef = value;
      else if (p.endsWith('Stmt/Ntry/NtryRef')) entry.entryRef = value;
      else if (p.endsWith('Stmt/Ntry/AddtlNtryInf')) entry.info = value;
      else if (p.endsWith('TxDtls/Refs/EndToEndId')) entry.endToEnd = value;
      else if (p.endsWith('RltdPties/Cdtr/Nm') || p.endsWith('RltdPties/Cdtr/Pty/Nm')) entry.creditor = value;
      else if (p.endsWith('RltdPties/Dbtr/Nm') || p.endsWith('RltdPties/Dbtr/Pty/Nm')) entry.debtor = value;
      else if (p.endsWith('RmtInf/Ustrd')) entry.remittance.push(value);
      else if (p.endsWith('RmtInf/Strd/CdtrRefInf/Ref')) entry.remittance.push(value);
    }
    const closing = stack.pop();
    if (closing === 'Bal' && bal && stmt) {
      if (!bal.type || !bal.amount || !bal.date) fail('Bal', 'a balance lacks its type, amount or date.', bal.line);
      stmt.balances.push({
        type: bal.type!,
        amount: bal.debitCredit === 'DBIT' ? bal.amount!.negated() : bal.amount!,
        date: bal.date!,
        line: bal.line,
      });
      bal = null;
    } else if (closing === 'Ntry' && entry && stmt) {
      const e: Entry = entry;
      entry = null;
      if (!e.amount) fail('Ntry/Amt', 'the entry has no amount.', e.line);
      if (e.debitCredit !== 'DBIT' && e.debitCredit !== 'CRDT')
        fail('Ntry/CdtDbtInd', `"${e.debitCredit ?? ''}" is neither DBIT nor CRDT.`, e.line);
      if ((e.status ?? 'BOOK') !== 'BOOK') return; // pending or information-only entries are not on the account yet
      if (!e.bookingDate) fail('Ntry/BookgDt', 'the booked entry has no booking date.', e.line);
      stmt.entries++;
      const debit = e.debitCredit === 'DBIT';
      stmt.movement = debit ? stmt.movement.minus(e.amount!) : stmt.movement.plus(e.amount!);
      const endToEnd = e.endToEnd && e.endToEnd !== 'NOTPROVIDED' ? e.endToEnd : null;
      const bankRef = e.bankRef ?? e.entryRef ?? null;
      ready.push({
        line: e.line,
        sourceId: bankRef && stmt.iban ? `${stmt.iban}/${bankRef}` : null,
        receiptNumber: orNull((endToEnd ?? bankRef ?? '').slice(0, 60)),
        invoiceDate: e.bookingDate!,
        paymentDate: e.bookingDate!,
        valueDate: e.valueDate ?? null,
        amount: debit ? e.amount! : e.amount!.negated(),
        counterparty: cleanText(debit ? e.creditor : e.debtor),
        text: cleanText(e.remittance.length ? e.remittance.join(' ') : e.info),
        account: stmt.iban ?? null,
        contraAccount: null,
        costCentre: null,
        costCentre2: null,
        reference: endToEnd,
      });
    } else if (closing === 'Stmt' && stmt) {
      const s = stmt;
      stmt = null;
      if (!s.iban) fail('Stmt/Acct/Id/IBAN', 'the statement names no IBAN.', s.line);
      const opening = s.balances.find((b) => b.type === 'OPBD') ?? s.balances.find((b) => b.type === 'PRCD');
      const closingBal = s.balances.find((b) => b.type === 'CLBD');
      if (!opening) fail('Bal/Tp (OPBD)', 'the statement has no opening booked balance (OPBD).', s.line);
      if (!closingBal) fail('Bal/Tp (CLBD)', 'the statement has no closing booked balance (CLBD).', s.line);
      const expected = opening!.amount.plus(s.movement);
      if (!expected.eq(closingBal!.amount)) {
        fail(
          'Bal/Amt (CLBD)',
          `the statement does not add up: opening balance ${formatMoney(opening!.amount)} plus the booked entries (${formatMoney(s.movement)}) is ${formatMoney(expected)}, but the closing balance is ${formatMoney(closingBal!.amount)}. Is the file complete?`,
          closingBal!.line,
        );
      }
      onStatement({
        statementId: s.id ?? '',
        iban: s.iban!,
        line: s.line,
        openingDate: opening!.date,
        openingBalance: opening!.amount,
        closingDate: closingBal!.date,
        closingBalance: closingBal!.amount,
        entries: s.entries,
      });
    }
  });
  parser.on('error', (error: Error) => {
    failure ??= error;
  });

  const decoder = new DecodeLines('utf-8', ctx.fileName);
  input.on('error', (error) => decoder.destroy(error));
  input.pipe(decoder);
  const write = (chunk: string | null) => {
    try {
      if (chunk === null) parser.close();
      else parser.write(chunk);
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      failure ??= error as Error;
    }
    if (failure) {
      if (failure instanceof ImportFileError) throw failure;
      throw new ImportFileError(
        ctx.fileName,
        parser.line,
        'XML',
        `${failure.message.replace(/^[^:]*:\d+:\d+: /, '')} — the XML is not well-formed (a truncated file?).`,
      );
    }
  };
  try {
    for await (const chunk of decoder as AsyncIterable<string>) {
      write(chunk);
      if (ready.length) {
        const out = ready;
        ready = [];
        yield* out;
      }
    }
    write(null);
    yield* ready;
    if (!sawStatementRoot)
      throw new ImportFileError(ctx.fileName, null, 'BkToCstmrStmt', 'the file holds no camt.053 statement (BkToCstmrStmt).');
  } finally {
    input.unpipe();
    input.resume();
  }
}

/** Element name without its namespace prefix. */
function local(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}
