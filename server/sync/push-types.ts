import type { PushBody, PushResponse } from '../../shared/api/sync';
import type { Locale } from '../../shared/i18n/locale';
import type { CallerView } from '../access/masking/caller-view';
import type { Principal } from '../access/identity';
import type { PushRequest, SheetRef } from '../store/store-types';
import type { GovernanceTarget } from './governance';

/** Who pushes, as the sync service needs to know them: their identity, their view, their language, today. */
export interface Caller {
  readonly principal: Principal;
  /** The caller's bearer token, for Graph's on-behalf-of group lookup only; '' when there is none. */
  readonly assertion: string;
  /** What the caller may see and write (access/): every answer passes through it. */
  readonly view: CallerView;
  readonly locale: Locale;
  /** 'YYYY-MM-DD': overdue checks of the issues. */
  readonly today: string;
}

export interface PushCommand {
  readonly ref: SheetRef;
  readonly body: PushBody;
  /** The revision the push started from; null to create the sheet. */
  readonly baseRevision: number | null;
  readonly idempotencyKey: string;
  /** A promise when it is being computed off this thread (bodyRequestHashOf). */
  readonly requestHash: string | Promise<string>;
}

/** A push checked in every way that can be checked before writing; commit writes it. */
export interface PreparedPush {
  readonly request: PushRequest;
  /** A push to the workspace's governance sheet (or designating one): applied as policy after the commit. */
  readonly governance: GovernanceTarget | null;
}

export interface PushAnswer {
  readonly status: number;
  readonly body: PushResponse;
  readonly replayed: boolean;
}
