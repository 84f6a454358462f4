import { peakOccupancy } from '../../measures/occupancy.js';
import { checkEligibility, type EligibilityRule } from '../../participants/eligibility.js';
import { type Gender, type Track } from '../../participants/participants.enums.js';
import { generateDemoParticipants } from './participants-demo.js';
import { DEMO_AS_OF, DEMO_MEASURES, DEMO_PARTICIPANT_RULES } from './participants-demo-data.js';

describe('demo participants', () => {
  const people = generateDemoParticipants();

  it('are the same on every run', () => {
    const again = generateDemoParticipants();
    expect(again.map((p) => [p.id, p.pseudonym, p.identity.lastName, p.entryDate])).toEqual(
      people.map((p) => [p.id, p.pseudonym, p.identity.lastName, p.entryDate]),
    );
  });

  it('are about 700, in both tracks, with exits and outcomes, nothing after the demo date', () => {
    expect(people).toHaveLength(700);
    expect(people.filter((p) => p.track === 'YOUTH_TRAINING').length).toBeGreaterThan(100);
    expect(people.filter((p) => p.exitDate).length).toBeGreaterThan(300);
    const dates = people.flatMap((p) => [
      p.entryDate,
      p.exitDate,
      ...p.outcomes.map((o) => o.observedOn),
      ...p.participations.map((x) => x.startDate),
    ]);
    expect(dates.filter((d) => d && d > DEMO_AS_OF)).toEqual([]);
  });

  it('are eligible, or overridden with a justification naming exactly the failed rules', () => {
    const rules = DEMO_PARTICIPANT_RULES.eligibility as unknown as EligibilityRule[];
    for (const p of people) {
      const failed = checkEligibility(rules, {
        ...p,
        gender: p.gender as Gender,
        track: p.track as Track,
        dateOfBirth: p.identity.dateOfBirth,
        receivesSgb2Benefits: true,
      });
      expect(failed.map((f) => f.code)).toEqual(p.override?.rules ?? []);
    }
    expect(people.filter((p) => p.override).length).toBeGreaterThan(0);
  });

  it("respect every measure's capacity, period and track", () => {
    DEMO_MEASURES.forEach((m, index) => {
      const periods = people.flatMap((p) =>
        p.participations
          .filter((x) => x.measureIndex === index)
          .map((x) => ({ start: x.startDate, end: x.endDate ?? m.endDate, track: p.track })),
      );
      expect(peakOccupancy(periods, { start: m.startDate, end: m.endDate })).toBeLessThanOrEqual(m.capacity);
      expect(periods.every((x) => x.track === m.track && x.start >= m.startDate && x.end <= m.endDate)).toBe(true);
    });
  });
});
