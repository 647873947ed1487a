Entity Name: x
