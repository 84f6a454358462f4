import { Inject, Injectable } from '@nestjs/common';

import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { FieldCipher, IdentityHasher } from './crypto/field-cipher.js';
import type { HealthData, IdentityData } from './entities/participant-identity.entity.js';

/** Encrypts, decrypts and hashes identity and health data with the configured keys. */
@Injectable()
export class IdentityVault {
  private readonly cipher: FieldCipher;
  readonly hasher: IdentityHasher;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.cipher = new FieldCipher(config.dataProtection.encryptionKey);
    this.hasher = new IdentityHasher(config.dataProtection.hashKey);
  }

  static fromKeys(encryptionKey: Buffer, hashKey: Buffer): IdentityVault {
    return new IdentityVault({ dataProtection: { encryptionKey, hashKey } } as AppConfig);
  }

  sealIdentity(participantId: string, identity: IdentityData): string {
    return this.cipher.encrypt(identity, `identity:${participantId}`);
  }

  openIdentity(participantId: string, cipher: string): IdentityData {
    return this.cipher.decrypt<IdentityData>(cipher, `identity:${participantId}`);
  }

  sealHealth(participantId: string, health: HealthData): string {
    return this.cipher.encrypt(health, `health:${participantId}`);
  }

  openHealth(participantId: string, cipher: string): HealthData {
    return this.cipher.decrypt<HealthData>(cipher, `health:${participantId}`);
  }

  /**
   * The statistical attributes of a pseudonymous record (the disability flag), encrypted on the
   * participant row: only the aggregation decrypts them, and identity erasure leaves them, so no
   * figure changes when an identity is erased (docs/domain.md#participants-and-data-protection).
   */
  sealStatistics(participantId: string, attributes: StatisticalAttributes): string {
    return this.cipher.encrypt(attributes, `statistics:${participantId}`);
  }

  openStatistics(participantId: string, cipher: string): StatisticalAttributes {
    return this.cipher.decrypt<StatisticalAttributes>(cipher, `statistics:${participantId}`);
  }

  /**
   * The disability flag of `openStatistics`, remembered per participant and ciphertext: every
   * indicator report counts every participant of its project, and decrypting 2,500 flags per report
   * cost more than its queries. A new ciphertext (re-sealed) is a new key; the process only ever
   * holds what it could decrypt anyway, at most STATISTICS_CACHE_SIZE flags.
   */
  hasDisability(participantId: string, cipher: string): boolean {
    const known = this.disabilityFlags.get(participantId);
    if (known && known.cipher === cipher) return known.flag;
    const flag = this.openStatistics(participantId, cipher).hasDisability === true;
    if (this.disabilityFlags.size >= STATISTICS_CACHE_SIZE) this.disabilityFlags.clear();
    this.disabilityFlags.set(participantId, { cipher, flag });
    return flag;
  }

  private readonly disabilityFlags = new Map<string, { cipher: string; flag: boolean }>();
}

const STATISTICS_CACHE_SIZE = 200_000;

export interface StatisticalAttributes {
  hasDisability: boolean;
}
