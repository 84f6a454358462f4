import { lexer, type Token, type Tokens } from 'marked';

/** A run of text with its emphasis; a link keeps its target so both formats can print it. */
export interface Inline {
  text: string;
  bold?: boolean;
  italics?: boolean;
  code?: boolean;
  link?: string;
}

export interface ListItem {
  /** 0 for a top-level item, 1 for an item of a nested list … */
  level: number;
  inlines: Inline[];
}

/** The block structure both renderers (PDF, DOCX) draw; everything a section's Markdown can hold maps to one of these. */
export type Block =
  | { kind: 'heading'; level: number; inlines: Inline[] }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: ListItem[] }
  | { kind: 'quote'; inlines: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][] };

/**
 * Parses a section's Markdown (CommonMark with tables, through `marked`'s lexer) into blocks.
 * Raw HTML is kept as plain text, never interpreted; images become their alternative text.
 */
export function markdownBlocks(markdown: string): Block[] {
  return blocks(lexer(markdown.replace(/\r\n?/g, '\n')));
}

function blocks(tokens: Token[]): Block[] {
  const out: Block[] = [];
  for (const token of tokens) {
    const t = token as Tokens.Generic;
    switch (t.type) {
      case 'space':
      case 'def':
        break;
      case 'heading':
        out.push({ kind: 'heading', level: (t as Tokens.Heading).depth, inlines: inlines((t as Tokens.Heading).tokens) });
        break;
      case 'paragraph':
        out.push({ kind: 'paragraph', inlines: inlines((t as Tokens.Paragraph).tokens) });
        break;
      case 'text':
        out.push({
          kind: 'paragraph',
          inlines: inlines((t as Tokens.Text).tokens ?? [{ type: 'text', raw: t.raw, text: (t as Tokens.Text).text }]),
        });
        break;
      case 'list': {
        const list = t as Tokens.List;
        out.push({
          kind: 'list',
          ordered: list.ordered,
          start: typeof list.start === 'number' ? list.start : 1,
          items: listItems(list, 0),
        });
        break;
      }
      case 'blockquote':
        for (const inner of blocks((t as Tokens.Blockquote).tokens))
          out.push(inner.kind === 'paragraph' ? { kind: 'quote', inlines: inner.inlines } : inner);
        break;
      case 'code':
        out.push({ kind: 'code', text: (t as Tokens.Code).text });
        break;
      case 'hr':
        out.push({ kind: 'rule' });
        break;
      case 'table': {
        const table = t as Tokens.Table;
        out.push({
          kind: 'table',
          header: table.header.map((c) => inlines(c.tokens)),
          rows: table.rows.map((r) => r.map((c) => inlines(c.tokens))),
        });
        break;
      }
      default:
        // html and anything unknown: shown as written
        if (t.raw.trim()) out.push({ kind: 'paragraph', inlines: [{ text: t.raw.trim() }] });
    }
  }
  return out;
}

function listItems(list: Tokens.List, level: number): ListItem[] {
  const items: ListItem[] = [];
  for (const item of list.items) {
    const own: Inline[] = [];
    const nested: ListItem[] = [];
    for (const token of item.tokens) {
      const t = token as Tokens.Generic;
      if (t.type === 'list') nested.push(...listItems(t as Tokens.List, level + 1));
      else if (t.type === 'text' || t.type === 'paragraph') {
        if (own.length) own.push({ text: ' ' });
        own.push(...inlines((t as Tokens.Text).tokens ?? [{ type: 'text', raw: t.raw, text: (t as Tokens.Text).text }]));
      } else if (t.type !== 'space' && t.raw.trim()) own.push({ text: t.raw.trim() });
    }
    const prefix = item.task ? [{ text: item.checked ? '☒ ' : '☐ ' }] : [];
    items.push({ level, inlines: [...prefix, ...own] }, ...nested);
  }
  return items;
}

function inlines(tokens: Token[] | undefined, style: Omit<Inline, 'text'> = {}): Inline[] {
  const out: Inline[] = [];
  for (const token of tokens ?? []) {
    const t = token as Tokens.Generic;
    switch (t.type) {
      case 'strong':
        out.push(...inlines((t as Tokens.Strong).tokens, { ...style, bold: true }));
        break;
      case 'em':
        out.push(...inlines((t as Tokens.Em).tokens, { ...style, italics: true }));
        break;
      case 'del':
        out.push(...inlines((t as Tokens.Del).tokens, style));
        break;
      case 'codespan':
        out.push({ ...style, text: (t as Tokens.Codespan).text, code: true });
        break;
      case 'br':
        out.push({ ...style, text: '\n' });
        break;
      case 'link': {
        const link = t as Tokens.Link;
        out.push(...inlines(link.tokens, { ...style, link: link.href }));
        break;
      }
      case 'image':
        out.push({ ...style, text: (t as Tokens.Image).text });
        break;
      case 'text':
        if ((t as Tokens.Text).tokens?.length) out.push(...inlines((t as Tokens.Text).tokens, style));
        else out.push({ ...style, text: decodeEntities((t as Tokens.Text).text) });
        break;
      case 'escape':
        out.push({ ...style, text: (t as Tokens.Escape).text });
        break;
      default:
        out.push({ ...style, text: t.raw });
    }
  }
  return out;
}

/** marked leaves the few entities it escapes in text tokens; the documents want the characters. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}
