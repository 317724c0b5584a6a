/// The prompt files compiled into the binary (see Package.swift), by their
/// path relative to Prompts/. A user folder overrides them file by file.
public enum EmbeddedPrompts {
    public static let files: [String: [UInt8]] = [
        "interview.yaml": PackageResources.interview_yaml,
        "demo.yaml": PackageResources.demo_yaml,
        "coach.yaml": PackageResources.coach_yaml,
        "letters/letters.yaml": PackageResources.letters_yaml,
        "letters/sponsor.txt.mustache": PackageResources.sponsor_txt_mustache,
        "letters/power-sponsor.txt.mustache": PackageResources.power_sponsor_txt_mustache,
        "letters/sponsor.md.mustache": PackageResources.sponsor_md_mustache,
        "letters/power-sponsor.md.mustache": PackageResources.power_sponsor_md_mustache,
        "letters/sponsor.html.mustache": PackageResources.sponsor_html_mustache,
        "letters/power-sponsor.html.mustache": PackageResources.power_sponsor_html_mustache,
    ]
}
