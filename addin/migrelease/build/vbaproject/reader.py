"""Read the VBA modules back out of an .xlsm/.xlam or a vbaProject.bin, using oletools.

What comes back, and so what compares byte-exact: olevba decompresses each module stream and
decodes it with the project's code page.  It keeps the Attribute lines and the line endings
exactly as stored (it strips nothing; its filter_vba() is only used for display).  So a
module's text equals project.module_stream_text() of the module it was built from, and since
that text was encoded strictly with the same code page, text equality is byte equality of the
stream.  Compared with an exported .bas file the text is identical if the file uses CRLF; for a
.cls file, the export header (VERSION 1.0 CLASS / BEGIN ... END) is not part of the stream.
"""

from os import PathLike

from oletools.olevba import VBA_Parser, VBA_Project


def read_vba_modules(path: str | PathLike) -> dict[str, str]:
    """Return {module name: source text} for every module of the VBA project in the file."""
    parser = VBA_Parser(str(path))
    try:
        # An OOXML package holds the project as an OLE subfile; a .bin is the OLE file itself.
        ole_parsers = [parser] if parser.ole_file is not None else parser.ole_subfiles
        modules: dict[str, str] = {}
        for ole_parser in ole_parsers:
            for vba_root, project_path, dir_path in ole_parser.find_vba_projects() or ():
                # relaxed=False: a malformed project raises instead of being skipped silently.
                project = VBA_Project(ole_parser.ole_file, vba_root, project_path, dir_path, relaxed=False)
                project.parse_project_stream()
                for _ in project.parse_modules():
                    pass
                modules.update((module.name, module.code) for module in project.modules)
        return modules
    finally:
        parser.close()
