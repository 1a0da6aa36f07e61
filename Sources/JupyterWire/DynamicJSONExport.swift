// Messages carry their content and metadata as `JSONValue`s, so JupyterWire's users get
// DynamicJSON with it: `import JupyterWire` is enough to build a message.
@_exported import DynamicJSON
