: value
# c
   
