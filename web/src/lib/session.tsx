/** Who is signed in (GET /v1/me) and what they may do; the pages hide operator buttons from viewers. */
import { createContext, useContext } from 'react';
import type { Me } from '../api/types.ts';

export interface Session {
  readonly me: Me;
  readonly canOperate: boolean;
  readonly signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function canOperate(me: Me): boolean {
  return me.role === 'operator' || me.role === 'admin';
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (s === null) throw new Error('useSession outside SessionContext');
  return s;
}
