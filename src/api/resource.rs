//! [`ApiResource`]: one endpoint's model as a page sees it, loading (`None`), failed or loaded.
//!
//! Underneath, every endpoint's resource is the same Leptos type: the model sits behind an
//! `Rc<dyn Any>` and the request behind a boxed future. Leptos's resource code is generic over
//! both, so with one type the wasm holds that code once instead of once per endpoint.

use super::ApiError;
use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;

type Model = Rc<dyn Any>;
type Request = Pin<Box<dyn Future<Output = Result<Model, ApiError>>>>;

/// A resource of model `T`: a `LocalResource<Result<T, ApiError>>` in all but its type.
pub struct ApiResource<T> {
    inner: LocalResource<Result<Model, ApiError>>,
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
        Self {
            inner: erased(Rc::new(request)),
            model: PhantomData,
        }
    }

    /// The state, tracked: `None` while loading, then the model (a clone) or the error.
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        self.with(|state| state.map(|result| result.cloned().map_err(Clone::clone)))
    }

    /// Applies `f` to the state, tracked, without cloning the model.
    pub fn with<R>(&self, f: impl FnOnce(Option<Result<&T, &ApiError>>) -> R) -> R {
        self.inner.with(|state| {
            f(state.as_ref().map(|state| {
                state.as_ref().map(|model| {
                    model
                        .downcast_ref::<T>()
                        .expect("an ApiResource<T> only ever holds a T")
                })
            }))
        })
    }

    /// Loads again (the reader pressed 다시 시도).
    pub fn refetch(&self) {
        self.inner.refetch();
    }

    /// Waits until the resource has loaded or failed.
    pub async fn settled(self) {
        let _ = self.inner.await;
    }
}

/// The one `LocalResource` type every endpoint shares.
fn erased(request: Rc<dyn Fn() -> Request>) -> LocalResource<Result<Model, ApiError>> {
    LocalResource::new(move || request())
}
