import { ProofExplanation } from './proof-explanation.entity.js';
import { ProofFile } from './proof-file.entity.js';
import { ProofVersion } from './proof-version.entity.js';
import { Proof } from './proof.entity.js';

export const REPORTING_ENTITIES = [Proof, ProofFile, ProofVersion, ProofExplanation];
