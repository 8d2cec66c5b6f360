import { lazy, type ComponentType } from "react";

type Module<T> = { default: T };

// React.lazy that can be started early and does not suspend once its module is in.
// Why: React.lazy suspends on its first render even when the chunk was downloaded long ago (it
// cannot read a promise synchronously), and React holds back the content of a Suspense boundary
// until 300 ms after the last fallback it showed (its fallback throttle). On the problem page
// that put up to 300 ms between an editor chunk that was ready and an editor on screen. Here
// `preload()` starts the import (the route loader calls it) and, once the module is loaded, the
// lazy factory hands React a thenable that calls back synchronously: no fallback, no throttle.
// A failed import is forgotten so the next render tries again.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function preloadableLazy<T extends ComponentType<any>>(load: () => Promise<Module<T>>) {
  let loaded: Module<T> | undefined;
  let pending: Promise<Module<T>> | undefined;
  const preload = (): Promise<Module<T>> =>
    (pending ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    ));
  const Component = lazy(() => {
    const ready = loaded;
    if (!ready) return preload();
    const now: PromiseLike<Module<T>> = { then: (resolve) => Promise.resolve(resolve?.(ready)) as never };
    return now as Promise<Module<T>>;
  });
  return Object.assign(Component, { preload });
}
