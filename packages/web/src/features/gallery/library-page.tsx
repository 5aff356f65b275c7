import { useSession } from "../../app/services.js";
import { ShareButton } from "../sharing/share-dialog.js";
import { PhotoBrowser } from "./photo-browser.js";

/** The user's own library: every photo they uploaded, to events or just for themselves. */
export function LibraryPage() {
  const session = useSession();
  return (
    <main className="page" id="main">
      <header className="page-header">
        <div>
          <h1>My photos</h1>
          <p className="muted">Everything you uploaded, to events and to your own library.</p>
        </div>
      </header>
      <PhotoBrowser
        scope={{ kind: "library" }}
        canDelete={(photo) => photo.ownerId === session?.user.userId}
        emptyText="You have not uploaded any photos yet. Drop some above."
        renderActions={(photo) => <ShareButton target={{ photoId: photo.id }} what="this photo" />}
      />
    </main>
  );
}
