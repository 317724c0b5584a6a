public enum PlaceholderLineEditor {}
