/**
 * The control plane of each region: the API that scaling actions, database promotion, token and
 * secret issuance and DNS changes go through, as opposed to the data plane that keeps serving what
 * already runs. A model about to take such an action asks whether the region's control plane is
 * available now; when it is not, the model waits for `whenAvailable` before acting.
 *
 * This file is the seam shared by capacity (autoscaling) and business recovery (control-plane
 * outages). `AlwaysAvailable` is the default until a scenario gives the control plane a fault.
 */

/** Availability of each region's control plane over simulated time (seconds). */
export interface ControlPlane {
  /** True when actions in `region` can be taken at simulated time `now` (s). */
  available(region: string, now: number): boolean;
  /**
   * Runs `action` as soon as the control plane of `region` is available (at once when it is).
   * Models use this instead of polling.
   */
  whenAvailable(region: string, action: () => void): void;
}

/** A control plane that never fails: every action proceeds at once. */
export class AlwaysAvailable implements ControlPlane {
  available(): boolean {
    return true;
  }
  whenAvailable(_region: string, action: () => void): void {
    action();
  }
}
