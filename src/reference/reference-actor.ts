import type { Actor } from '../domain/actor.ts';

/** An actor of the registry in actors.json: the domain's Actor and the country its name is scoped to. */
export interface ReferenceActor extends Actor {
  /**
   * ISO3 of the country the actor's name is scoped to ("Civilians (Mali)" → MLI, "VDP" → BFA), or
   * null for a group active across borders (JNIM) or an international one.
   */
  readonly country: string | null;
}
