import { Link, useLocation } from "./router.js";
import { paths } from "./routes.js";
import { useServices, useSession } from "./services.js";

/** Brand, the main sections, and who is signed in. */
export function AppHeader() {
  const { auth } = useServices();
  const session = useSession();
  const { pathname } = useLocation();
  const current = (path: string) =>
    pathname === path || pathname.startsWith(`${path}/`) ? "page" : undefined;
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link to={paths.events()} className="brand">
          <span className="brand-mark" aria-hidden="true">
            ▣
          </span>{" "}
          Shoebox
        </Link>
        <nav aria-label="Main" className="main-nav">
          <Link
            to={paths.events()}
            aria-current={current("/events") ?? (pathname === "/" ? "page" : undefined)}
          >
            Events
          </Link>
          <Link to={paths.library()} aria-current={current("/library")}>
            My photos
          </Link>
          <Link to={paths.links()} aria-current={current("/links")}>
            Links
          </Link>
        </nav>
        <div className="account">
          <span className="account-name" title={session?.user.email ?? undefined}>
            {session?.user.name ?? session?.user.email}
          </span>
          <button type="button" className="button subtle small" onClick={() => void auth.signOut()}>
            Sign out
          </button>
        </div>
      </div>
    </header>
  );
}
