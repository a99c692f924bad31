"""Inline reports shared by the CLI tests."""

# invented report
GOOD_REPORT = ("Title: Dockers march\nSource: Harbour Herald\nDate: 2031-03-14\n\n"
               "Dockworkers marched through the port of Varna Bay on Monday. The union said "
               "about 1,200 workers joined the walkout and demanded a raise of nine percent.\n")
