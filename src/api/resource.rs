//! [`ApiResource`]: one endpoint's model as a page sees it, loading (`None`), failed or loaded.
//!
//! Underneath, every endpoint's resource is the same Leptos type: the model sits behind an
//! `Rc<dyn Any>` and the request behind a boxed future. Leptos's resource code is generic over
//! both, so with one type the wasm holds that code once instead of once per endpoint: measured
//! when it came in (commit 18a8cda), the wasm went from 219.5 to 213.6 KB brotli (-5.9 KB, 2.7 %)
//! for the nine endpoints of the time, with no other change.
//!
//! A resource whose answer the page already holds ([`super::preload`]: a prerendered page, or
//! the prerender command itself) is loaded from its first moment. A Leptos resource always
//! waits a tick, so its first draw would be the loading state and the app's first pass would
//! differ from the prerendered page; this one draws the page as it was prerendered, at once.

use super::ApiError;
use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

type Model = Rc<dyn Any>;
type Request = Pin<Box<dyn Future<Output = Result<Model, ApiError>>>>;

/// A resource of model `T`: a `LocalResource<Result<T, ApiError>>` in all but its type.
pub struct ApiResource<T> {
    inner: LocalResource<Result<Model, ApiError>>,
    /// The first answer, when it was there at once: what the resource shows until its request
    /// changes (another article, a retry). `inner` gets the same answer a tick later, unseen,
    /// so the page is not drawn again.
    ready: StoredValue<Option<Result<Model, ApiError>>, LocalStorage>,
    /// Wakes the readers of `ready` when it gives way to `inner`.
    superseded: Trigger,
    model: PhantomData<fn() -> T>,
}

impl<T> Clone for ApiResource<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for ApiResource<T> {}

impl<T: Clone + 'static> ApiResource<T> {
    /// Loads with `fetch` now, and again whenever a signal that `fetch` reads changes.
    pub fn new<F>(fetch: impl Fn() -> F + 'static) -> Self
    where
        F: Future<Output = Result<T, ApiError>> + 'static,
    {
        let request = move || -> Request {
            let response = fetch();
            Box::pin(async move { response.await.map(|model| Rc::new(model) as Model) })
        };
        let ready = StoredValue::new_local(None);
        let superseded = Trigger::new();
        Self {
            inner: erased(Rc::new(request), ready, superseded),
            ready,
            superseded,
            model: PhantomData,
        }
    }

    /// The state, tracked: `None` while loading, then the model (a clone) or the error.
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        self.with(|state| state.map(|result| result.cloned().map_err(Clone::clone)))
    }

    /// Applies `f` to the state, tracked, without cloning the model.
    pub fn with<R>(&self, f: impl FnOnce(Option<Result<&T, &ApiError>>) -> R) -> R {
        #[allow(clippy::expect_used, reason = "new() only ever stores a T")]
        fn typed<T: 'static>(state: &Result<Model, ApiError>) -> Result<&T, &ApiError> {
            state.as_ref().map(|model| {
                model
                    .downcast_ref::<T>()
                    .expect("an ApiResource<T> only ever holds a T")
            })
        }
        if self.ready.with_value(Option::is_some) {
            self.superseded.track();
            return self
                .ready
                .with_value(|ready| f(ready.as_ref().map(typed::<T>)));
        }
        self.inner.with(|state| f(state.as_ref().map(typed::<T>)))
    }

    /// Loads again (the reader pressed 다시 시도).
    pub fn refetch(&self) {
        self.inner.refetch();
    }

    /// Waits until the resource has loaded or failed.
    pub async fn settled(self) {
        if self.ready.with_value(Option::is_none) {
            let _ = self.inner.await;
        }
    }
}

/// The one `LocalResource` type every endpoint shares. Its first request is polled at once:
/// when it is already answered (the page held the data), the answer goes to `ready` as well.
/// The next request (the source changed, or a retry) retires `ready`.
fn erased(
    request: Rc<dyn Fn() -> Request>,
    ready: StoredValue<Option<Result<Model, ApiError>>, LocalStorage>,
    superseded: Trigger,
) -> LocalResource<Result<Model, ApiError>> {
    let first = std::cell::Cell::new(true);
    LocalResource::new(move || {
        let mut pending = request();
        if first.replace(false) {
            if let Poll::Ready(answer) = pending
                .as_mut()
                .poll(&mut Context::from_waker(Waker::noop()))
            {
                ready.set_value(Some(answer.clone()));
                return Box::pin(std::future::ready(answer)) as Request;
            }
        } else if ready.with_value(Option::is_some) {
            ready.set_value(None);
            superseded.notify();
        }
        pending
    })
}
