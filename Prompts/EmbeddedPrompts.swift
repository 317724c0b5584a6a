public enum EmbeddedPrompts {}
