import { describe, expect, it } from 'vitest';
import { BusinessRecovery, DATA_PLANE, partText } from '../../src/metrics/businessRecovery.js';

describe('BusinessRecovery', () => {
  it('has no parts besides the data plane until a model declares one', () => {
    const b = new BusinessRecovery();
    b.part(DATA_PLANE, 130);
    expect(b.hasParts).toBe(false);
    b.transition('queue:webhooks', 0, true);
    expect(b.hasParts).toBe(true);
  });

  it('is back when the last part is back, and names that part', () => {
    const b = new BusinessRecovery();
    b.transition('queue:webhooks', 0, true);
    b.transition('queue:webhooks', 110, false);
    b.transition('queue:webhooks', 900, true);
    b.transition('control_plane', 0, true);
    b.transition('control_plane', 100, false);
    b.transition('control_plane', 400, true);
    b.part(DATA_PLANE, 250);
    expect(b.outcome(100)).toEqual({ business_rto_s: 800, business_last_part: 'queue:webhooks' });
  });

  it('counts a part from its last return, not its first', () => {
    const b = new BusinessRecovery();
    b.transition('control_plane', 0, true);
    b.transition('control_plane', 100, false);
    b.transition('control_plane', 200, true);
    b.transition('control_plane', 300, false);
    b.transition('control_plane', 700, true);
    b.part(DATA_PLANE, 150);
    expect(b.outcome(100)).toEqual({ business_rto_s: 600, business_last_part: 'control_plane' });
  });

  it('a part that never went down after the fault adds nothing; ties go to the data plane', () => {
    const b = new BusinessRecovery();
    b.transition('duplicates', 0, true);
    b.transition('duplicates', 50, false);
    b.transition('duplicates', 50, true);
    b.part(DATA_PLANE, 100);
    expect(b.outcome(100)).toEqual({ business_rto_s: 0, business_last_part: DATA_PLANE });
  });

  it('is not recovered while a part is down at the end, and names it', () => {
    const b = new BusinessRecovery();
    b.transition('queue:billing', 0, true);
    b.transition('queue:billing', 120, false);
    b.part(DATA_PLANE, 300);
    expect(b.outcome(100)).toEqual({ business_rto_s: null, business_last_part: 'queue:billing' });
    const c = new BusinessRecovery();
    c.transition('queue:billing', 0, true);
    c.part(DATA_PLANE, null);
    expect(c.outcome(100)).toEqual({ business_rto_s: null, business_last_part: DATA_PLANE });
  });

  it('names parts in sentences', () => {
    expect(partText('queue:webhooks')).toBe('the backlog of queue webhooks');
    expect(partText('control_plane')).toBe('control plane');
    expect(partText(DATA_PLANE)).toBe('the data plane (SLO)');
  });
});
