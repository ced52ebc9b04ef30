import { describe, expect, it } from 'vitest';
import { nextFireTime, Scheduler, type ScheduledJob } from './scheduler';

describe('scheduler', () => {
  it('computes the next time from an interval or a cron expression', () => {
    const from = new Date('2026-01-01T10:00:30Z');
    expect(nextFireTime({ intervalSeconds: 60 }, from)?.toISOString()).toBe('2026-01-01T10:01:30.000Z');
    expect(nextFireTime({ cron: '*/15 * * * *' }, from)?.toISOString()).toBe('2026-01-01T10:15:00.000Z');
    expect(nextFireTime({}, from)).toBeNull();
  });

  it('fires due jobs once per period and never overlaps a job with itself', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    let runs = 0;
    let release: () => void = () => undefined;
    const job: ScheduledJob = {
      key: 'i1:w1',
      schedule: { intervalSeconds: 60 },
      run: () => {
        runs++;
        return new Promise<void>((r) => (release = r));
      },
    };
    const scheduler = new Scheduler(async () => [job], () => undefined, () => clock);
    await scheduler.tick(); // first sight: schedules, does not fire
    expect(runs).toBe(0);
    clock = new Date(clock.getTime() + 61_000);
    await scheduler.tick();
    expect(runs).toBe(1);
    clock = new Date(clock.getTime() + 61_000);
    await scheduler.tick(); // still running: skipped
    expect(runs).toBe(1);
    release();
    await new Promise((r) => setTimeout(r, 0));
    await scheduler.tick();
    expect(runs).toBe(2);
  });

  it('forgets jobs that disappear (uninstalled or disabled)', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    let jobs: ScheduledJob[] = [{ key: 'a', schedule: { intervalSeconds: 10 }, run: async () => undefined }];
    let fired = 0;
    jobs = [{ ...jobs[0] as ScheduledJob, run: async () => { fired++; } }];
    const scheduler = new Scheduler(async () => jobs, () => undefined, () => clock);
    await scheduler.tick();
    jobs = [];
    clock = new Date(clock.getTime() + 60_000);
    await scheduler.tick();
    expect(fired).toBe(0);
  });

  it('reports a bad schedule and keeps firing the others', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    let fired = 0;
    const errors: string[] = [];
    const jobs: ScheduledJob[] = [
      { key: 'bad', schedule: { cron: 'every 5 minutes' }, run: async () => undefined },
      { key: 'good', schedule: { intervalSeconds: 10 }, run: async () => { fired++; } },
    ];
    const scheduler = new Scheduler(async () => jobs, (key) => errors.push(key), () => clock);
    await scheduler.tick();
    clock = new Date(clock.getTime() + 11_000);
    await scheduler.tick();
    expect(fired).toBe(1);
    expect(errors).toContain('bad');
  });

  it('fires a due job once when a tick comes while the previous one is still reading the job list', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    let fired = 0;
    let listed: () => void = () => undefined;
    let slow = false;
    const jobs: ScheduledJob[] = [{ key: 'a', schedule: { intervalSeconds: 10 }, run: async () => { fired++; } }];
    // The job list comes from the database: the next tick may come before it has been read.
    const scheduler = new Scheduler(() => (slow ? new Promise((r) => (listed = () => r(jobs))) : Promise.resolve(jobs)), () => undefined, () => clock);
    await scheduler.tick();
    clock = new Date(clock.getTime() + 11_000);
    slow = true;
    const first = scheduler.tick();
    const second = scheduler.tick();
    listed();
    await Promise.all([first, second]);
    expect(fired).toBe(1);
  });
});
