public enum PlaceholderQualifyKit {}
