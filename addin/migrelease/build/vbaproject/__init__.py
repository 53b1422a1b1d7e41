"""Write a vbaProject.bin (MS-OVBA in an MS-CFB compound file) from VBA source text."""

from migrelease.build.vbaproject.project import VbaModule, build_vba_project, module_stream_text
from migrelease.build.vbaproject.reader import read_vba_modules
from migrelease.build.vbaproject.xlwings_modules import xlwings_vba_modules

__all__ = ["VbaModule", "build_vba_project", "module_stream_text", "read_vba_modules", "xlwings_vba_modules"]
