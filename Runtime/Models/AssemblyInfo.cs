using System.Runtime.CompilerServices;

// The model-file tests drive the atomic-save helper (ModelFile.WriteAtomically) with a write step that
// fails on purpose, and check the CRC-32 implementation against its standard check value.
[assembly: InternalsVisibleTo("NetGen.Tests")]
[assembly: InternalsVisibleTo("NetGen.Generator.Tests")]
