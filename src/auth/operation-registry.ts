import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { RESOLVER_NAME_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';

import { ALLOW_KEY, PUBLIC } from './allow.decorator.js';
import type { Role } from './role.enum.js';

export interface OperationAccess {
  type: 'Query' | 'Mutation';
  /** The root field name in the schema. */
  name: string;
  /** Declared roles, PUBLIC, or undefined when nothing is declared (denied). */
  allowed: Role[] | typeof PUBLIC | undefined;
}

/**
 * Every root query and mutation with its @Allow declaration, discovered from the resolvers at
 * start-up. The audit trail uses it to name the roles an attempt relied on; the access tests
 * generate their role × operation matrix from it, so new operations are covered automatically.
 */
@Injectable()
export class OperationRegistry implements OnModuleInit {
  private readonly byKey = new Map<string, OperationAccess>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[method] as (...args: unknown[]) => unknown;
        const type = Reflect.getMetadata(RESOLVER_TYPE_METADATA, handler) as string | undefined;
        if (type !== 'Query' && type !== 'Mutation') continue;
        const name = (Reflect.getMetadata(RESOLVER_NAME_METADATA, handler) as string | undefined) ?? method;
        const allowed = this.reflector.getAllAndOverride<Role[] | typeof PUBLIC | undefined>(ALLOW_KEY, [
          handler,
          wrapper.metatype as Function,
        ]);
        this.byKey.set(`${type}.${name}`, { type, name, allowed });
      }
    }
  }

  all(): OperationAccess[] {
    return [...this.byKey.values()].sort((a, b) => `${a.type}.${a.name}`.localeCompare(`${b.type}.${b.name}`));
  }

  /** Declared roles of an operation; undefined for an open or unknown one. */
  rolesOf(type: 'Query' | 'Mutation', name: string): Role[] | undefined {
    const allowed = this.byKey.get(`${type}.${name}`)?.allowed;
    return Array.isArray(allowed) ? allowed : undefined;
  }
}
