/// The facts a kernel states about itself in `kernel_info_reply`.
///
/// ```swift
/// let info = KernelInfo(
///     implementation: "swift-margin", implementationVersion: "0.1.0",
///     languageName: "swift", languageVersion: "6.3", mimetype: "text/x-swift",
///     fileExtension: ".swift", pygmentsLexer: "swift", codemirrorMode: "swift",
///     banner: "swift-margin 0.1.0", helpLinks: [.init(text: "Swift", url: "https://swift.org")])
/// ```
public struct KernelInfo: Sendable, Equatable {
    /// One entry of `help_links`: a menu text and its URL.
    public struct HelpLink: Sendable, Equatable {
        /// `text`: what the frontend's help menu shows.
        public var text: String
        /// `url`: where it leads.
        public var url: String

        /// A help link from its text and URL.
        public init(text: String, url: String) {
            self.text = text
            self.url = url
        }
    }

    /// `implementation`: the kernel's name, e.g. `"swift-margin"`.
    public var implementation: String
    /// `implementation_version`.
    public var implementationVersion: String
    /// `language_info.name`, e.g. `"swift"`.
    public var languageName: String
    /// `language_info.version`.
    public var languageVersion: String
    /// `language_info.mimetype`, e.g. `"text/x-swift"`.
    public var mimetype: String
    /// `language_info.file_extension`, with the dot: `".swift"`.
    public var fileExtension: String
    /// `language_info.pygments_lexer`.
    public var pygmentsLexer: String
    /// `language_info.codemirror_mode`.
    public var codemirrorMode: String
    /// `banner`: the text a console shows at start.
    public var banner: String
    /// `help_links`.
    public var helpLinks: [HelpLink]

    /// Kernel facts from their fields.
    public init(
        implementation: String, implementationVersion: String, languageName: String, languageVersion: String,
        mimetype: String, fileExtension: String, pygmentsLexer: String, codemirrorMode: String, banner: String,
        helpLinks: [HelpLink] = []
    ) {
        self.implementation = implementation
        self.implementationVersion = implementationVersion
        self.languageName = languageName
        self.languageVersion = languageVersion
        self.mimetype = mimetype
        self.fileExtension = fileExtension
        self.pygmentsLexer = pygmentsLexer
        self.codemirrorMode = codemirrorMode
        self.banner = banner
        self.helpLinks = helpLinks
    }
}
