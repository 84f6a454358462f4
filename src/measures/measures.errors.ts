import { type AppError, badInput, conflict, notFound } from '../common/errors/app-error.js';

/** The measures module's clerk-facing errors, in one place. */
export const MeasureErrors = {
  measureNotFound: (id: string) => notFound('Measure', id),
  participationNotFound: (id: string) => notFound('Participation', id),
  titleTaken: (title: string): AppError => badInput('title', `The project already has a measure titled "${title}".`),
  periodEndsBeforeStart: (): AppError => badInput('endDate', 'The measure must end on or after its start.'),
  periodOutsideProject: (): AppError => badInput('startDate', "The measure period must lie within the project's approval period."),
  costNegative: (): AppError => badInput('costPerPlace', 'The cost per place cannot be negative.'),
  capacityBelowUse: (peak: number): AppError =>
    badInput('capacity', `Capacity cannot go below the ${peak} places already taken at the same time.`),
  periodExcludesParticipations: (): AppError => badInput('startDate', 'The new period would leave existing participations outside it.'),
  trackMismatch: (measureTrack: string, participantTrack: string): AppError =>
    badInput('measureId', `This measure serves the ${measureTrack} track; the participant is in the ${participantTrack} track.`),
  startBeforeEntry: (): AppError => badInput('startDate', "A participation cannot start before the participant's entry date."),
  startOutsideMeasure: (): AppError => badInput('startDate', "The participation must start within the measure's period."),
  startTooFarAhead: (): AppError => badInput('startDate', 'An enrolment can start at most 90 days ahead.'),
  full: (capacity: number): AppError =>
    conflict(`The measure is full: all ${capacity} places are taken in that period.`, { field: 'measureId' }),
  alreadyEnrolled: (): AppError =>
    conflict('The participant is already enrolled in this measure for an overlapping period.', { field: 'startDate' }),
  participationEnded: (): AppError => conflict('This participation has already ended.'),
  endBeforeStart: (): AppError => badInput('endDate', 'The end date cannot be before the start date.'),
  endAfterMeasure: (): AppError => badInput('endDate', 'The end date cannot be after the measure ends.'),
  observationNotFound: (id: string) => notFound('Observation', id),
  observedBeforeEntry: (): AppError => badInput('observedOn', "An observation cannot be dated before the participant's entry."),
  statusBeforeExit: (type: string): AppError =>
    badInput(
      'type',
      `${type} describes the time after the exit; while the person still takes part, record only a job or training taken up, or the end of benefit receipt.`,
    ),
  alreadySuperseded: (recordNo: number): AppError =>
    conflict(
      `This observation was already corrected or withdrawn (record no. ${recordNo}); correct or withdraw the record in force instead.`,
      { field: 'observationId' },
    ),
  withdrawalFinal: (): AppError =>
    conflict('A withdrawal cannot itself be corrected; record the observation again instead.', { field: 'observationId' }),
};
