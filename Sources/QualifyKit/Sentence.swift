extension String {
    /// The text ending with one full stop: a message that ends with a name
    /// like "Beta d.o.o." or an error that already ends its sentence gets no second one.
    public var endingSentence: String {
        hasSuffix(".") || hasSuffix("!") || hasSuffix("?") ? self : self + "."
    }
}
