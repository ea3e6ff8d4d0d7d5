/** Introductions brokered by INCs (engine/introductions). */
import { id } from './common.js';
import { arr, bool, obj, type Schema, str, strictObj } from './json.js';

export const introductionBody: Schema = strictObj(
  {
    target: str({
      minLength: 1,
      maxLength: 300,
      description:
        'A person or organisation id from a who-solved, match or suggest hit, or a restricted hit’s handle (rh_…)',
    }),
    challenge: { ...id, description: 'The need: a challenge id (or give `question`)' },
    question: str({
      minLength: 1,
      maxLength: 1_000,
      description: 'The need as the question’s text (or give `challenge`)',
    }),
    message: str({ minLength: 1, maxLength: 1_000, description: 'A short message for the INC and the target' }),
  },
  ['target', 'message'],
);

export const decisionBody: Schema = strictObj(
  {
    decision: str({
      enum: ['approve', 'decline', 'withdraw'],
      description: 'approve / decline: a coordinator of an INC concerned; withdraw: the requester',
    }),
    note: str({ maxLength: 2_000, description: 'Why (told to the parties)' }),
  },
  ['decision'],
);

export const introductionsQuery: Schema = strictObj({
  status: str({ enum: ['pending', 'approved', 'declined', 'withdrawn'] }),
});

const contactView: Schema = obj(
  {
    person: str(),
    route: str({ enum: ['chat', 'inc'] }),
    platform: str(),
    handle: str(),
    inc: obj({ id: str(), name: str(), country: str() }, ['id', 'name', 'country']),
  },
  ['person', 'route'],
);

export const introductionView: Schema = obj(
  {
    id: str(),
    status: str({ enum: ['pending', 'approved', 'declined', 'withdrawn'] }),
    requester: str(),
    target: str({ description: 'Left out for the requester of a request made from a handle until it is approved' }),
    targetKind: str({ enum: ['Person', 'Organisation'] }),
    viaHandle: bool(),
    challenge: str(),
    question: str(),
    message: str(),
    incs: arr(str()),
    createdAt: str(),
    decidedAt: str(),
    decidedBy: str(),
    note: str(),
    role: str({ enum: ['requester', 'target', 'inc', 'admin'] }),
    contact: contactView,
    steps: arr(obj({ at: str(), by: str(), step: str(), note: str() }, ['at', 'by', 'step'])),
  },
  ['id', 'status', 'requester', 'viaHandle', 'message', 'incs', 'createdAt', 'role', 'steps'],
);
export const introductionList: Schema = obj({ introductions: arr(introductionView) }, ['introductions']);
