Attribute VB_Name = "Release"
' The macros of the migration release workbook.
' Source of truth: vba/Release.bas in the migrelease repository; `migrelease build-workbook` builds it into
' workbook/migration_release.xlsm.  Edit this file, not the copy in the VBA editor (a rebuild replaces it).
'
' RunPython is xlwings' standalone module (module "xlwings" in this workbook, xlwings 0.37.0): it starts the
' Python interpreter named on the xlwings.conf sheet (blank: python from PATH), which needs
' `pip install migrelease xlwings==0.37.0`.
Option Explicit

' The "Refresh release" button on the Settings sheet runs this: Python reads the Data, Population, Ethnicity
' and Settings sheets and rewrites every generated sheet (Cover, Contents, Notes, key points, tables, ...).
Public Sub RefreshRelease()
    RunPython "import migrelease.macros; migrelease.macros.refresh()"
End Sub

' Not needed for this workbook: it already carries the module xlwings_udfs with a VBA wrapper for every
' function of migrelease.udfs (MIG_BALANCE, MIG_SHARE, MIG_CHANGE, MIG_INTENSITY, MIG_TABLE, MIG_KEYPOINTS).
' Run it only after adding or changing functions in migrelease.udfs without rebuilding the workbook; it
' regenerates xlwings_udfs from the "UDF Modules" setting and needs Excel's
' File > Options > Trust Center > Macro Settings > "Trust access to the VBA project object model".
Public Sub ImportFunctions()
    ImportPythonUDFs
End Sub
