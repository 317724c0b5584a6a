public enum PlaceholderQualifyPrompts {}
