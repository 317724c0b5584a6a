public enum PlaceholderQualifyStore {}
