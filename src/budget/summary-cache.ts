import { Injectable } from '@nestjs/common';

import type { BudgetSummaryFields } from './models/budget-overview.model.js';

const MAX_ENTRIES = 20_000;

/**
 * Project summaries of the programme view, kept per project with the key they were computed for:
 * the revision in force, the sum of the project's totals versions, the date and the terms. A
 * reader recomputes a project only when its key changed, so the answer is always what a fresh
 * computation would give; the cache only spares work (and is per process, so instances stay stateless).
 * Kept in the answer's shape, so a request does not build the same objects again for each project
 * (nothing changes an answer's objects after they are returned).
 */
@Injectable()
export class ProjectSummaryCache {
  private readonly entries = new Map<string, { key: string; summary: BudgetSummaryFields }>();

  get(projectId: string, key: string): BudgetSummaryFields | undefined {
    const entry = this.entries.get(projectId);
    return entry?.key === key ? entry.summary : undefined;
  }

  set(projectId: string, key: string, summary: BudgetSummaryFields): void {
    if (this.entries.size >= MAX_ENTRIES && !this.entries.has(projectId)) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(projectId, { key, summary });
  }
}
