import { generate } from '@graphql-codegen/cli';

import config from '../../codegen.js';

/** Prints what `npm run codegen` would write to test/generated/graphql.ts, without writing it. */
const outputs = await generate({ ...config, silent: true }, false);
process.stdout.write(outputs.find((o: { filename: string }) => o.filename.endsWith('test/generated/graphql.ts'))!.content);
