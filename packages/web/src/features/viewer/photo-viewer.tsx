import type PhotoSwipe from "photoswipe";
import "photoswipe/style.css";
import { type ReactNode, useEffect, useRef, useState } from "react";
import type { Photo } from "../../api/api-types.js";
import { Dialog } from "../../ui/dialog.js";
import { PhotoDetails } from "./photo-details.js";
import { type PhotoSlide, slideOf } from "./photoswipe-slides.js";

export interface PhotoViewerProps {
  photos: readonly Photo[];
  /** The photo the viewer opens on. */
  startIndex: number;
  onClose: () => void;
  /** Called when the viewer nears the end of what is loaded: the gallery loads its next page. */
  onNearEnd?: () => void;
  canDelete: (photo: Photo) => boolean;
  /** The photo was deleted; the gallery drops it and the viewer moves on to its neighbour. */
  onDeleted: (photo: Photo) => void;
  renderActions?: (photo: Photo) => ReactNode;
}

/** Whether the device has a keyboard-and-mouse kind of pointer: only then are key hints and arrows shown. */
function hasFinePointer(): boolean {
  return (
    typeof window.matchMedia === "function" && window.matchMedia("(hover: hover) and (pointer: fine)").matches
  );
}

/**
 * The photo viewer: PhotoSwipe for the photo itself — swipe between photos, pinch or double-tap to zoom,
 * drag down to close on touch screens; ← → to browse and + − to zoom with a keyboard — inside the app's
 * native modal dialog (which traps focus, closes on Esc and returns focus to the tile), beside the photo's
 * details. PhotoSwipe is loaded when a viewer first opens, so the gallery does not wait for it.
 */
export function PhotoViewer({
  photos,
  startIndex,
  onClose,
  onNearEnd,
  canDelete,
  onDeleted,
  renderActions,
}: PhotoViewerProps) {
  const stage = useRef<HTMLDivElement>(null);
  const swipe = useRef<PhotoSwipe | null>(null);
  const slides = useRef<PhotoSlide[]>(photos.map(slideOf));
  const [index, setIndex] = useState(startIndex);
  const [finePointer] = useState(hasFinePointer);
  const callbacks = useRef({ onClose, onNearEnd });
  callbacks.current = { onClose, onNearEnd };

  // Opened once per viewer: later photo lists reach PhotoSwipe through `slides` (below).
  // biome-ignore lint/correctness/useExhaustiveDependencies: PhotoSwipe opens once, on the photo it was opened on
  useEffect(() => {
    let cancelled = false;
    let instance: PhotoSwipe | undefined;
    void import("photoswipe").then(({ default: PhotoSwipeClass }) => {
      const host = stage.current;
      if (cancelled || !host) return;
      instance = new PhotoSwipeClass({
        dataSource: slides.current,
        index: startIndex,
        appendToEl: host,
        // The stage, not the window, is the viewport: the details sit beside (or below) it.
        getViewportSizeFn: () => ({ x: host.clientWidth, y: host.clientHeight }),
        loop: false,
        bgOpacity: 1,
        showHideAnimationType: "fade",
        // The dialog owns focus and Esc; PhotoSwipe keeps the arrow and zoom keys.
        trapFocus: false,
        returnFocus: false,
        escKey: false,
        arrowPrev: finePointer,
        arrowNext: finePointer,
        zoom: true,
        close: false,
        counter: false,
        arrowPrevTitle: "Previous photo",
        arrowNextTitle: "Next photo",
        zoomTitle: "Zoom",
        imageClickAction: "zoom-or-close",
        tapAction: "toggle-controls",
        doubleTapAction: "zoom",
        closeOnVerticalDrag: true,
      });
      instance.on("keydown", (event) => {
        // Keys typed into the share dialog or a form field are not for the viewer.
        const target = event.originalEvent.target;
        if (
          target instanceof HTMLElement &&
          target.closest("input, textarea, select, .dialog:not(.viewer)")
        ) {
          event.preventDefault();
        }
      });
      instance.on("change", () => {
        const current = instance?.currIndex ?? 0;
        setIndex(current);
        if (current >= slides.current.length - 3) callbacks.current.onNearEnd?.();
      });
      instance.on("close", () => callbacks.current.onClose());
      // Keys pressed while the photo fades in are not acted on; tests (and styles) can wait for this.
      instance.on("openingAnimationEnd", () => host.setAttribute("data-open", "true"));
      instance.init();
      // PhotoSwipe marks its root a dialog; here it is a part of the viewer's dialog, not a second one.
      instance.element?.setAttribute("role", "group");
      instance.element?.setAttribute("aria-label", "Photo");
      swipe.current = instance;
    });
    return () => {
      cancelled = true;
      swipe.current = null;
      instance?.destroy();
    };
  }, []);

  // The gallery's list changes under an open viewer (the next page arrives, a photo is deleted): PhotoSwipe
  // reads the same array, and the slides around the current one are redrawn if they now show another photo.
  useEffect(() => {
    const before = slides.current.map((slide) => slide.photoId);
    slides.current.splice(0, slides.current.length, ...photos.map(slideOf));
    const instance = swipe.current;
    if (!instance) return;
    if (photos.length === 0) {
      callbacks.current.onClose();
      return;
    }
    if (instance.currIndex >= photos.length) instance.goTo(photos.length - 1);
    const current = instance.currIndex;
    for (const slideIndex of [current - 1, current, current + 1]) {
      if (slideIndex < 0 || slideIndex >= photos.length) continue;
      if (before[slideIndex] !== photos[slideIndex]?.id) instance.refreshSlideContent(slideIndex);
    }
    setIndex(current);
  }, [photos]);

  const current = photos[Math.min(index, photos.length - 1)];
  const heading = current ? (current.title ?? current.filename) : "Photo";
  return (
    <Dialog title={`Photo: ${heading}`} onClose={onClose} className="viewer">
      <div className="viewer-layout">
        <div ref={stage} className="viewer-stage" data-current-photo={current?.id} />
        {current && (
          <PhotoDetails
            photo={current}
            position={{ index: Math.min(index, photos.length - 1), count: photos.length }}
            onClose={onClose}
            canDelete={canDelete(current)}
            onDeleted={() => onDeleted(current)}
            actions={renderActions?.(current)}
            showKeyboardHint={finePointer}
          />
        )}
      </div>
    </Dialog>
  );
}
