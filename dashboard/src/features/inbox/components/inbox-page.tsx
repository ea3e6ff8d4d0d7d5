/**
 * Inbox: what reached the viewer (alerts, introductions, digests, each with its reason), their
 * introductions and where each stands (and, for an INC coordinator, those awaiting its
 * decision), and what they follow. Each part loads and fails on its own, so one refused call
 * leaves the others on screen.
 */
import { Empty } from '../../../components/states.js';
import { usePageTitle } from '../../../lib/link-state.js';
import { useFacets } from '../../../lib/use-facets.js';
import { useMe } from '../../../lib/use-me.js';
import { IntroductionList } from './introduction-list.js';
import { NoticeList } from './notice-list.js';
import { SubscriptionList } from './subscription-list.js';

export function InboxPage() {
  usePageTitle('Inbox', []);
  const me = useMe();
  const facets = useFacets();
  return (
    <section aria-labelledby="inbox-title" className="inbox">
      <h1 id="inbox-title">Inbox</h1>
      <p className="lede">What reached you and why, your introductions, and what you follow.</p>
      {me.status === 'ready' && me.data.person === undefined ? (
        // The API would refuse each part (403): said once, in words.
        <Empty>Your sign-in names no person, and an inbox belongs to a person: sign in with your own token.</Empty>
      ) : (
        <>
          <NoticeList />
          <IntroductionList facets={facets.status === 'ready' ? facets.data : undefined} />
          <SubscriptionList
            me={me.status === 'ready' ? me.data : undefined}
            facets={facets.status === 'ready' ? facets.data : undefined}
          />
        </>
      )}
    </section>
  );
}
