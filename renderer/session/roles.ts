import type { Role, User } from '../../contract/schemas/identity';
import { de } from '../i18n/de';

export type Area = 'poststelle' | 'sachbearbeitung' | 'archiv' | 'admin';

const AREA_OF_ROLE: Record<Role, Area> = {
  poststelle: 'poststelle',
  sachbearbeitung: 'sachbearbeitung',
  archiv: 'archiv',
  admin: 'admin',
};
const AREA_ORDER: readonly Area[] = ['poststelle', 'sachbearbeitung', 'archiv', 'admin'];

/** Work areas the user's grants open; the core enforces access, the UI only hides what would be refused. */
export const areasOf = (user: User): Area[] => AREA_ORDER.filter((a) => user.grants.some((g) => AREA_OF_ROLE[g.role] === a));

/** Ämter the user works on as Sachbearbeitung (write access to their open Akten). */
export const clerkAmter = (user: User): string[] =>
  user.grants.flatMap((g) => (g.role === 'sachbearbeitung' && g.amtId ? [g.amtId] : []));

export const mayEditAkte = (user: User, akte: { amtId: string; status: string }): boolean =>
  akte.status === 'open' && clerkAmter(user).includes(akte.amtId);

export const mayReopenAkte = (user: User, akte: { amtId: string; status: string }): boolean =>
  akte.status === 'zda' && clerkAmter(user).includes(akte.amtId);

/** Record content is searchable for everyone but IT administration, which reads no record content. */
export const maySearch = (user: User): boolean => areasOf(user).some((a) => a !== 'admin');

/** Opening a document's detail needs records.read (Sachbearbeitung, Archiv). */
export const mayOpenDocuments = (user: User): boolean => user.grants.some((g) => g.role === 'sachbearbeitung' || g.role === 'archiv');

export const roleLabel = (user: User): string =>
  user.grants.map((g) => (g.amtId ? `${de.roles[g.role]} ${de.amt(g.amtId)}` : de.roles[g.role])).join(', ');
