/** Opens the configured GraphStore. The engine imports this, never a backend directly. */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphStore } from './store.js';

export type StoreConfig =
  | { readonly backend: 'embedded'; readonly dataDir: string }
  | {
      readonly backend: 'neo4j';
      readonly uri?: string;
      readonly user?: string;
      readonly password?: string;
      readonly database?: string;
    };

/** The embedded database file inside a data folder. */
export const embeddedPath = (dataDir: string): string => join(dataDir, 'graph.sqlite');

/** Creates the store and runs `init()` (migrations, constraints). */
export async function openStore(config: StoreConfig): Promise<GraphStore> {
  let store: GraphStore;
  if (config.backend === 'embedded') {
    mkdirSync(config.dataDir, { recursive: true });
    const { createEmbeddedStore } = await import('./embedded/index.js');
    store = createEmbeddedStore({ path: embeddedPath(config.dataDir) });
  } else {
    const { createNeo4jStore } = await import('./neo4j/index.js');
    store = createNeo4jStore(config);
  }
  await store.init();
  return store;
}

/**
 * The CSV writer and importer arguments of a Neo4j offline import (graph/neo4j/offline-import.ts),
 * loaded on demand like the backends.
 */
export const loadNeo4jImport = () => import('./neo4j/offline-import.js');

export type { GraphErrorCode } from './errors.js';
export { GRAPH_ERROR_STATUS, GraphError } from './errors.js';
export {
  CHALLENGE_STATUSES,
  CHAT_PLATFORMS,
  type ChallengeStatus,
  type ChatPlatform,
  COMMENT_SUBJECTS,
  CONTACT_ROUTES,
  type ContactRouteKind,
  challengeSchema,
  commentSchema,
  contactRouteId,
  countryCode,
  erasedVoteValue,
  type GraphNode,
  type GraphRel,
  INTRODUCTION_STATUSES,
  type IntroductionStatus,
  idSchema,
  isNodeKind,
  NODE_FIELDS,
  type NodeInput,
  type NodeKind,
  type NodeOf,
  nodeSchema,
  OPEN_STATUSES,
  ORG_KINDS,
  type OrgKind,
  pollSchema,
  REL_ENDPOINTS,
  type RelInput,
  type RelType,
  relationshipSchema,
  relKey,
  SCALE_MAX,
  SCALE_MIN,
  SUBSCRIPTION_SUBJECTS,
  SURVEY_QUESTION_TYPES,
  type SubscriptionSubject,
  type SurveyAnswerItem,
  type SurveyQuestion,
  type SurveyQuestionType,
  surveyAnswerItemSchema,
  surveyAnswerItems,
  surveyAnswerSchema,
  surveyQuestionSchema,
  surveyQuestions,
  surveySchema,
  TEXT_FIELDS,
  VISIBILITIES,
  type Visibility,
} from './model.js';
export { projectRoot } from './project-root.js';
export type * from './search.js';
export type * from './shared.js';
export type * from './store.js';
export { parseNode, parseRelationship } from './validate.js';
export type * from './vectors.js';
export {
  ANONYMOUS,
  CLEARANCE_RANK,
  type Clearance,
  canSee,
  commonViewer,
  SYSTEM,
  VISIBILITY_RANK,
  type Viewer,
  type VisibilityGate,
  viewerClass,
  visibilityGate,
} from './viewer.js';
