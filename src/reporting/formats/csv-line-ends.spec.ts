import { CsvLineEnds } from './csv-line-ends.js';

const convertAll = (parts: string[]) => {
  const lineEnds = new CsvLineEnds();
  return Buffer.concat(parts.map((part) => lineEnds.convert(Buffer.from(part, 'utf8')))).toString('utf8');
};

describe('CsvLineEnds', () => {
  it('ends every line with CRLF but keeps line breaks inside quoted cells', () => {
    expect(convertAll(['1;a;"zwei\nZeilen"\n2;"Anführung ""x"";y"\n'])).toBe('1;a;"zwei\nZeilen"\r\n2;"Anführung ""x"";y"\r\n');
  });

  it('gives the same bytes however the stream is cut into chunks', () => {
    const text = '1;Müller;"a\nb"\n2;"x""\ny";z\n3;;\n';
    const whole = convertAll([text]);
    expect(whole).toBe('1;Müller;"a\nb"\r\n2;"x""\ny";z\r\n3;;\r\n');
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const lineEnds = new CsvLineEnds();
      const joined = Buffer.concat([lineEnds.convert(bytes.subarray(0, cut)), lineEnds.convert(bytes.subarray(cut))]).toString('utf8');
      expect(joined).toBe(whole);
    }
  });
});
