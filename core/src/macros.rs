//! Small macros shared by the resource modules.

/// Generates chained setters for `Option<T>` fields of a request:
/// `fn name(mut self, value: impl Into<T>) -> Self`.
macro_rules! setters {
    ($ty:ty { $( $(#[$m:meta])* $field:ident : $t:ty ),+ $(,)? }) => {
        impl $ty {
            $(
                $(#[$m])*
                #[must_use]
                pub fn $field(mut self, value: impl Into<$t>) -> Self {
                    self.$field = Some(value.into());
                    self
                }
            )+
        }
    };
}
pub(crate) use setters;
