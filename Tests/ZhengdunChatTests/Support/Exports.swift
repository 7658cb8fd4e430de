// The shared test support (needs, the stand-in chat robot) in every file of this target.
@_exported import TestSupport
