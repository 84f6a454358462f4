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
   * figure changes when an identity is erased (issue 13).
   */
  sealStatistics(participantId: string, attributes: StatisticalAttributes): string {
    return this.cipher.encrypt(attributes, `statistics:${participantId}`);
  }

  openStatistics(participantId: string, cipher: string): StatisticalAttributes {
    return this.cipher.decrypt<StatisticalAttributes>(cipher, `statistics:${participantId}`);
  }
}

export interface StatisticalAttributes {
  hasDisability: boolean;
}
