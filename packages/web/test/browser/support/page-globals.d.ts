// The browser globals that code passed to `page.evaluate` uses. Those functions run in Chromium, not in
// Node; declaring the DOM library for the whole test program instead would retype Node's `fetch` bodies in
// the server modules the tests import. Loose on purpose: the page, not the compiler, checks these calls.
declare const window: any;
declare const document: any;
declare const navigator: any;
declare const DataTransfer: any;
declare const DragEvent: any;
declare const PopStateEvent: any;
type HTMLImageElement = any;
type HTMLProgressElement = any;
declare function getComputedStyle(element: any): any;
